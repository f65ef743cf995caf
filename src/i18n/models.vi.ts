/**
 * Names of the path-loss models (one short readable name per command-line id of
 * src/core/propagation/registry.ts, key `model-<id>`) and the wording of their validity
 * problems (src/core/validity.ts `ValidityIssue`: the quantity in words, its value and unit, the
 * range), Vietnamese. Merged into vi.ts; worded by src/i18n/validity.ts.
 */
export const modelsVi = {
  'model-fspl': 'Không gian tự do (ITU-R P.525)',
  'model-two-ray': 'Hai tia, phản xạ mặt đất phẳng',
  'model-hata-urban-small': 'Okumura–Hata đô thị, thành phố vừa và nhỏ',
  'model-hata-urban-large': 'Okumura–Hata đô thị, thành phố lớn',
  'model-hata-suburban': 'Okumura–Hata ven đô',
  'model-hata-open': 'Okumura–Hata vùng trống (nông thôn)',
  'model-cost231': 'COST-231 Hata, thành phố vừa / ven đô',
  'model-cost231-metro': 'COST-231 Hata, trung tâm đô thị lớn',
  'model-38901-rma-los': '3GPP RMa (nông thôn, có tầm nhìn thẳng LOS)',
  'model-38901-rma-nlos': '3GPP RMa (nông thôn, bị che chắn NLOS)',
  'model-38901-rma-expected': '3GPP RMa (nông thôn, theo xác suất LOS)',
  'model-38901-uma-los': '3GPP UMa (đô thị, trạm macro, có tầm nhìn thẳng LOS)',
  'model-38901-uma-nlos': '3GPP UMa (đô thị, trạm macro, bị che chắn NLOS)',
  'model-38901-uma-expected': '3GPP UMa (đô thị, trạm macro, theo xác suất LOS)',
  'model-38901-umi-los': '3GPP UMi (phố, trạm nhỏ, có tầm nhìn thẳng LOS)',
  'model-38901-umi-nlos': '3GPP UMi (phố, trạm nhỏ, bị che chắn NLOS)',
  'model-38901-umi-expected': '3GPP UMi (phố, trạm nhỏ, theo xác suất LOS)',
  'model-38901-inh-los': '3GPP InH (văn phòng trong nhà, có tầm nhìn thẳng LOS)',
  'model-38901-inh-nlos': '3GPP InH (văn phòng trong nhà, bị che chắn NLOS)',
  modelUnknown: 'mô hình không có trong danh sách ({id})',
  modelItmTerrain: 'ITM (Longley-Rice) theo mặt cắt địa hình',
  modelWithDiffraction: '{model} + nhiễu xạ {method} theo mặt cắt địa hình',

  // The quantities a model's validity speaks of (validity.ts field names).
  'vq-freqMHz': 'tần số',
  'vq-d2dM': 'khoảng cách',
  'vq-d3dM': 'khoảng cách theo đường thẳng',
  'vq-hBsM': 'độ cao anten trạm',
  'vq-hUtM': 'độ cao máy thu',
  'vq-hBuildingM': 'độ cao nhà trung bình',
  'vq-streetWidthM': 'độ rộng đường phố',
  'vq-freqGHz': 'tần số',
  'vq-elevationDeg': 'góc ngẩng',
  vRange: '{quantity} {value} ngoài phạm vi {min}–{max} của mô hình',
  vFloor: '{quantity} {value} nhỏ hơn {floor}: tính như {floor}',
  'vn-hata-large-city-gap': 'tần số {freq} nằm giữa 200 và 400 MHz, nơi Hata không có hiệu chỉnh độ cao máy thu cho thành phố lớn: dùng công thức cho {form}',
  'vn-cost231-beyond': 'COST-231 Hata được dùng trên 2 GHz: thường dùng nhưng độ chính xác ở đó chưa được kiểm chứng',
  'vn-no-breakpoint': 'độ cao hiệu dụng của anten (độ cao trừ 1 m) không dương: không có điểm ngắt, dùng công thức xa ở mọi khoảng cách',
  'vn-uma-random-he': 'độ cao máy thu {h} từ 13 m trở lên: 38.901 chọn ngẫu nhiên độ cao điểm ngắt, ở đây dùng cố định 1 m',
  'vn-uma-plos-clipped': 'công thức xác suất LOS của UMa cho {p} > 1 ở khoảng cách {d}: lấy bằng 1',
  vSceneGroup: '{model} — {sectors} cell, {freq}, anten cao {height}, vùng phủ tới {far}: {issues}',
  vFormBelow: 'f ≤ 200 MHz',
  vFormAbove: 'f ≥ 400 MHz',
} as const;

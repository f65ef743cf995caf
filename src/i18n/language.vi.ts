/**
 * One language at a time (issue 15): names the app makes (a site placed from a template, a
 * planning proposal, an untitled scenario), the words of administrative units, the map's own
 * controls, the carrier label and the network's counts, Vietnamese. Merged into vi.ts; the
 * vocabulary is GLOSSARY.md's.
 */
export const languageVi = {
  siteDefaultName: 'Trạm {id}',
  candidateDefaultName: 'Đề xuất {id}',
  candidateGapName: 'Đề xuất {id} (vùng lõm, {people} người)',
  untitledScenario: 'Kịch bản chưa đặt tên',
  carrierLabel: '{tech} {band} · {freq} MHz · {bw} MHz',
  networkSummary: '{name}: {n} trạm, {m} cell trên {c} lớp sóng',
  networkSummaryTitle: '{name}: {n} trạm; {m} cell (hướng phát) tính trên mọi lớp sóng. Dòng trạng thái bên dưới đếm các cell của lớp sóng đang xem.',
  // Administrative units: the type word, and how it goes with a name.
  'unit-xa': 'Xã',
  'unit-phuong': 'Phường',
  'unit-thi-tran': 'Thị trấn',
  'unit-huyen': 'Huyện',
  'unit-thanh-pho': 'Thành phố',
  'unit-thi-xa': 'Thị xã',
  'unit-tinh': 'Tỉnh',
  unitNamed: '{type} {name}',
  unitNumbered: '{type} {name}',
  unitWithin: '{unit} ({parent})',
  // The map's own controls (MapLibre writes them in English).
  mapZoomIn: 'Phóng to',
  mapZoomOut: 'Thu nhỏ',
  mapResetBearing: 'Xoay về hướng bắc',
  mapAttribution: 'Hiện hoặc ẩn nguồn bản đồ',
  mapCanvas: 'Bản đồ',
  mapPopupClose: 'Đóng',
  panelLabel: 'Bảng điều khiển',
  reportLabel: 'Báo cáo để in',
  glossaryCarrierTerm: 'Lớp sóng',
  glossaryCarrier: 'Một tần số và độ rộng kênh mà mạng phát (ví dụ LTE 1.800 MHz); bản đồ vùng phủ tính cho một lớp sóng.',
} as const;

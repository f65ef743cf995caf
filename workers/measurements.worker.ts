/** Browser adapter of the measurement worker API (comlink over the Worker's postMessage). */
import { expose } from 'comlink';
import { makeMeasurementsApi } from './measurements-api.ts';

expose(makeMeasurementsApi());

/** Browser adapter of the planning worker API (comlink over the Worker's postMessage). */
import { expose } from 'comlink';
import { makePlanningApi } from './planning-api.ts';

expose(makePlanningApi());

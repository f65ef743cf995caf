/** Browser adapter of the analysis worker API (comlink over the Worker's postMessage). */
import { expose, transfer } from 'comlink';
import { makeAnalysisApi } from './analysis-api.ts';

expose(makeAnalysisApi(transfer));

/** The model data every in-process test passes to sizing and recommend, loaded once per test file. */
import { loadModelData, type ModelData } from '../../src/data/model-data.js';

export const modelData: ModelData = loadModelData();

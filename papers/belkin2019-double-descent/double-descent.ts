// Double descent (Belkin, Hsu, Ma & Mandal 2019) and the exact ridgeless risk of Hastie et al. 2019:
// the risk formula, its Monte Carlo check, label noise, and sweeps over the number of random features.
export { hastieRisk, simulateMinNormRisk, type LinearSetting, type RiskSimulation } from './hastie';
export { flipLabels } from './labels';
export { featureSweep, peakOf, type FeatureSweepOptions, type SweepPoint } from './sweep';

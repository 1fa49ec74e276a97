// Profiling one training step: time per kernel and its share, memory, a text table, a plotly
// figure, and a before/after comparison to justify a speed change.
export { profileStep, type StepProfile, type ProfileRow, type ProfileOptions } from './profile-step';
export {
  formatProfile, profileSummary, compareProfiles, formatComparison, type ComparisonRow, type ProfileComparison, type FormatOptions,
} from './format';
export { profileFigure } from './figure';

// Rich outputs in a tslab notebook: MIME bundles, live (self-updating) outputs, plots, progress.
export { show, liveDisplay, inKernel, type MimeBundle, type LiveDisplay } from './bundle';
export { plot, figureHtml, plotlyScript, PLOTLY_MIME, type Figure } from './plotly';
export { progress, type Progress, type ProgressOptions } from './progress';

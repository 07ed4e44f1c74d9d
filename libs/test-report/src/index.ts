export { type Figure, reportFigure } from './report-figure';

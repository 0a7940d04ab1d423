/** The quality pages draw with the app's one ECharts component (app/components/EChart, loaded lazily). */
export { LazyChart as Chart } from '../../app/components/LazyChart';

/** The trustmap version reported by `/api/health` and written into reports. */
export const TRUSTMAP_VERSION = '0.1.0';

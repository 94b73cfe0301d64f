/** The tool's name and version as written into result files. */
export const VERSION = "0.1.0";
export const GENERATOR = `nicsim ${VERSION}`;

/** Where the browser tests look for Chromium: `CHROMIUM_PATH`, else `/usr/bin/chromium`. */
export declare const chromiumPath: string;
/** True when the browser tests can run. */
export declare function hasChromium(): boolean;

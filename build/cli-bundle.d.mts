/** Types of build/cli-bundle.mjs (plain JavaScript: it runs before any TypeScript loader). */
export declare const ROOT: string;
export declare const ENTRY: string;
export declare const BUNDLE: string;
export declare function newestSource(root?: string): number;
export declare function bundleIsFresh(bundle?: string, root?: string): boolean;
export declare function buildBundle(bundle?: string, entry?: string): Promise<string>;

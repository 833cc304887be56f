export function findChromium(): Promise<{ path: string | undefined } | null>;
export const HOW_TO_GET_CHROMIUM: string;

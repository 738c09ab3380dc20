import type { FuseV1Config, FuseV1Options } from '@electron/fuses';

export type FuseName = keyof typeof FuseV1Options;
export declare const REQUIRED_FUSES: Readonly<Partial<Record<FuseName, boolean>>>;
export declare function fuseConfig(platform?: NodeJS.Platform, arch?: string): FuseV1Config;

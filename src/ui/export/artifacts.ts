import { type ExportArtifact, exportAll } from '../../export';

export type Artifact = ExportArtifact;
export const artifactsFor = exportAll;

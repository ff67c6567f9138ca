import type * as TS from 'typescript';

/** Whether a declaration file is one of @types/node's (wherever the package is installed). */
export function isNodeTypesFile(file: TS.SourceFile): boolean {
  return /[\\/]node_modules[\\/]@types[\\/]node[\\/]/.test(file.fileName);
}

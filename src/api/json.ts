// JSON values as the contracts describe them (the same shape as core/documents.ts's Json; src/api/ imports nothing from src/).
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

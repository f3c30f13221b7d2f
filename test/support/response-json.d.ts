// Tests read JSON bodies of many shapes and assert on them field by field; typing every shape
// would add nothing a failing assertion does not already say.
declare global {
  interface Response {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    json(): Promise<any>;
  }
}
export {};

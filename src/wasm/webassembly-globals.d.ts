/**
 * The part of the WebAssembly JS API nicsim uses. Node has the global at run time; the project
 * compiles with lib ES2022 and Node's types, neither of which declares it (lib.dom does, with
 * the whole DOM), so the few members used are declared here.
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: Record<string, unknown>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
  }
}

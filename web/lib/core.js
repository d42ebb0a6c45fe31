// JSON-in/JSON-out calls into the wasm core (src/wasm/bindings.hpp). Every
// export returns a malloc'ed UTF-8 JSON string that is freed here.
export function attachCore(module) {
  const call = (name, ...textArgs) => {
    const pointer = module.ccall(name, 'number', textArgs.map(() => 'string'), textArgs);
    try {
      return JSON.parse(module.UTF8ToString(pointer));
    } finally {
      module.ccall('llmos_free', null, ['number'], [pointer]);
    }
  };
  return {
    call,
    version: () => call('llmos_version').version,
  };
}

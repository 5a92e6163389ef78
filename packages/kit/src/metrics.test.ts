import { Counter } from "prom-client";
import { createMetricsRegistry } from "./metrics";

describe("createMetricsRegistry", () => {
  it("prefixes Node's process metrics, labels every series voxbridge_service, never service, and names the build", async () => {
    const registry = createMetricsRegistry("gateway", { VOXBRIDGE_VERSION: "1.2.3", VOXBRIDGE_REVISION: "abc123" });
    new Counter({ name: "voxbridge_things_total", help: "things", registers: [registry] }).inc();
    const text = await registry.metrics();
    const names = new Set(text.split("\n").flatMap((line) => (line.startsWith("#") || !line ? [] : [line.replace(/[{ ].*/, "")])));
    expect(names.size).toBeGreaterThan(10);
    expect([...names].filter((name) => !name.startsWith("voxbridge_"))).toEqual([]);
    expect(text).toContain("voxbridge_process_resident_memory_bytes");
    expect(text).not.toMatch(/[{,]service="/);
    expect(text).toMatch(/voxbridge_things_total\{voxbridge_service="gateway"\} 1/);
    expect(text).toMatch(
      new RegExp(
        `voxbridge_build_info\\{version="1.2.3",revision="abc123",node_version="${process.version}",voxbridge_service="gateway"\\} 1`,
      ),
    );
  });
});

import { rowTypesSource } from "./row-types";

describe("row types from a Prisma schema", () => {
  it("names columns as the SQL does, maps scalars to what pg returns, and types Json by its @json note", () => {
    const source = rowTypesSource(
      [
        {
          name: "DialJob",
          dbName: "dial_jobs",
          fields: [
            { name: "callId", dbName: "call_id", kind: "scalar", type: "String", isRequired: true, isList: false },
            { name: "dueAt", dbName: "due_at", kind: "scalar", type: "DateTime", isRequired: false, isList: false },
            { name: "attempts", kind: "scalar", type: "Int", isRequired: true, isList: false },
            { name: "id", kind: "scalar", type: "BigInt", isRequired: true, isList: false },
            {
              name: "call",
              kind: "scalar",
              type: "Json",
              isRequired: true,
              isList: false,
              documentation: 'snapshot\n@json(import("x").Call)',
            },
            { name: "extra", kind: "scalar", type: "Json", isRequired: true, isList: false },
            { name: "owner", kind: "object", type: "Owner", isRequired: true, isList: false },
          ],
        },
      ],
      "schema.prisma",
    );
    expect(source).toContain("export type DialJobRow = {\n");
    expect(source).toContain("  call_id: string;\n");
    expect(source).toContain("  due_at: Date | null;\n");
    expect(source).toContain("  attempts: number;\n");
    expect(source).toContain("  id: string;\n");
    expect(source).toContain('  call: import("x").Call;\n');
    expect(source).toContain("  extra: unknown;\n");
    expect(source).not.toContain("owner");
    expect(source).toContain("  dial_jobs: DialJobRow;\n");
  });
});

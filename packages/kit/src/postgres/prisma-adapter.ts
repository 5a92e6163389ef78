import { PrismaPg } from "@prisma/adapter-pg";

/**
 * The pg driver adapter for a service's Prisma client, confined to the service's own schema: the
 * adapter qualifies generated queries, and search_path makes raw SQL ($queryRaw) resolve there too.
 */
export function prismaAdapter(databaseUrl: string, schema: string, poolSize: number): PrismaPg {
  return new PrismaPg({ connectionString: databaseUrl, max: poolSize, options: `-c search_path=${schema}` }, { schema });
}

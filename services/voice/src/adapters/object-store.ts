import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutBucketLifecycleConfigurationCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { RecordingStore } from "../app/ports";

export type ObjectStoreOptions = {
  /** Empty for AWS S3 itself; a URL for any other S3 API (S3Proxy locally, MinIO, GCS interoperability). */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
};

/**
 * Recordings in an S3-compatible bucket through the AWS SDK. Path-style addressing (bucket in the
 * path, not the host name) and checksums only where the API requires them: S3Proxy and several other
 * S3 APIs refuse the SDK's default checksum headers with 501 NotImplemented.
 */
export function createObjectStore(options: ObjectStoreOptions): RecordingStore & {
  /** Creates the bucket when it does not exist; answers whether it did. */
  ensureBucket: () => Promise<{ created: boolean }>;
  /**
   * Sets the bucket's lifecycle to expire `prefix` objects `days` after they were written. Replaces
   * the bucket's whole lifecycle configuration, so it is applied only to a bucket the service made.
   * `unsupported`: the store does not offer lifecycle rules (S3Proxy) or refused (no permission).
   */
  expireAfter: (prefix: string, days: number) => Promise<"applied" | "unsupported">;
  close: () => void;
} {
  const client = new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: true,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    maxAttempts: 2,
  });
  const Bucket = options.bucket;
  return {
    async ensureBucket() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
        return { created: false };
      } catch {
        await client.send(new CreateBucketCommand({ Bucket }));
        return { created: true };
      }
    },
    async expireAfter(prefix, days) {
      try {
        await client.send(
          new PutBucketLifecycleConfigurationCommand({
            Bucket,
            LifecycleConfiguration: {
              Rules: [{ ID: "voxbridge-recording-retention", Status: "Enabled", Filter: { Prefix: prefix }, Expiration: { Days: days } }],
            },
          }),
        );
        return "applied";
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status === 501 || status === 403) return "unsupported";
        throw error;
      }
    },
    async put(key, wav) {
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: wav, ContentType: "audio/wav" }));
    },
    async get(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : null;
      } catch (error) {
        if (error instanceof Error && (error.name === "NoSuchKey" || error.name === "NotFound")) return null;
        throw error;
      }
    },
    signedUrl: (key, ttlSeconds) => getSignedUrl(client, new GetObjectCommand({ Bucket, Key: key }), { expiresIn: ttlSeconds }),
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    close: () => client.destroy(),
  };
}

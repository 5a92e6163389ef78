import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
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
export function createObjectStore(options: ObjectStoreOptions): RecordingStore & { ensureBucket: () => Promise<void>; close: () => void } {
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
      } catch {
        await client.send(new CreateBucketCommand({ Bucket }));
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

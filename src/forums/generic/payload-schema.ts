import { z } from 'zod';

const id = z.union([z.string().min(1).max(200), z.number().int().nonnegative()]).transform(String);

/** The documented body of POST /webhooks/generic. */
export const genericWebhookSchema = z.object({
  event: z.enum(['post.created', 'post.edited', 'post.pending', 'post.deleted']),
  post: z.object({
    id,
    version: z.number().int().min(1).max(1_000_000).default(1),
    text: z.string().max(10_000_000).default(''),
    format: z.enum(['markdown', 'html', 'text']).default('text'),
    author: z.object({ id, username: z.string().min(1).max(200) }),
    url: z.string().url().max(2000).optional(),
    region: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'a two-letter ISO country code')
      .transform((r) => r.toUpperCase())
      .optional(),
    isPrivate: z.boolean().optional(),
  }),
});

export type GenericWebhook = z.infer<typeof genericWebhookSchema>;

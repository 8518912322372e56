import { z } from 'zod';

/** `auto` picks the smallest encoding that holds the text (GSM 7-bit, then Latin-1, then UCS2). */
export const Encoding = z.enum(['auto', 'gsm7', 'latin1', 'ucs2']);
export type Encoding = z.infer<typeof Encoding>;

/** How a long text is split for SMPP. */
export const Segmentation = z.enum(['udh8', 'udh16', 'sar', 'payload']);
export type Segmentation = z.infer<typeof Segmentation>;

export const Message = z.object({
  text: z.string().min(1).max(10_000),
  encoding: Encoding.default('auto'),
  segmentation: Segmentation.default('udh8'),
});
export type Message = z.infer<typeof Message>;

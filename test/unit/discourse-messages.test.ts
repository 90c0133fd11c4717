import { describe, expect, it } from 'vitest';
import {
  buildEditReason,
  buildFlagMessage,
  buildNotifyMessage,
  buildRejectParams,
} from '../../src/forums/discourse/messages.js';
import type { Finding } from '../../src/scanner/types.js';

const findings: Finding[] = [
  {
    type: 'email',
    start: 10,
    end: 33,
    masked: 'm•••@gmail.com',
    fingerprint: 'f1',
    severity: 'high',
    confidence: 0.98,
    reasons: ['rfc5322', 'tld'],
  },
  {
    type: 'card',
    start: 40,
    end: 59,
    masked: '•••• •••• •••• 6467',
    fingerprint: 'f2',
    severity: 'high',
    confidence: 0.99,
    reasons: ['luhn', 'brand:visa', 'grouped'],
  },
];
const redacted = 'Write to m•••@gmail.com or pay •••• •••• •••• 6467 ```not a fence```';

describe('buildNotifyMessage', () => {
  const message = buildNotifyMessage({
    findings,
    redactedText: redacted,
    postUrl: 'https://forum.test/t/bike/3/2',
    privacyUrl: 'https://forum.test/privacy',
    username: 'maria',
  });

  it('buildNotifyMessage names the post, each masked finding, why, the redacted text and PRIVACY_URL', () => {
    expect(message.title).toBe('Personal data in your post');
    expect(message.raw).toContain('Hi @maria');
    expect(message.raw).toContain('[Your post](https://forum.test/t/bike/3/2)');
    expect(message.raw).toContain('1 email address, 1 payment card number');
    expect(message.raw).toContain(
      'email address `m•••@gmail.com` — written like an email address; with a real domain ending',
    );
    expect(message.raw).toContain('payment card number `•••• •••• •••• 6467`');
    expect(message.raw).toContain('passes the payment-card checksum; starts like a visa card\n');
    expect(message.raw).toContain('https://forum.test/privacy');
    expect(message.raw).toContain(redacted);
  });

  it('buildNotifyMessage fences the redacted text with a longer fence than any inside it', () => {
    expect(message.raw).toContain('````text\n' + redacted + '\n````');
  });

  it('buildNotifyMessage says when a value is in the topic title', () => {
    expect(message.raw).toContain('Please edit your post and remove it.');
    const titled = buildNotifyMessage({
      findings: [{ ...findings[0]!, reasons: ['rfc5322', 'in-title'] }],
    });
    expect(titled.raw).toContain(
      'email address `m•••@gmail.com` — written like an email address; in the topic title',
    );
    expect(titled.raw).toContain('Please edit your post (its title too) and remove it.');
  });
});

describe('buildFlagMessage', () => {
  it('buildFlagMessage carries types, masks, reason codes and the review link', () => {
    const text = buildFlagMessage({ findings, reviewUrl: 'https://lw.test/moderate/#r1' });
    expect(text).toBe(
      'leakwatch: personal data in this post (1 email address, 1 payment card number): ' +
        'email m•••@gmail.com [rfc5322,tld]; card •••• •••• •••• 6467 [luhn,brand:visa,grouped]. ' +
        'Review: https://lw.test/moderate/#r1',
    );
  });

  it('buildFlagMessage stays within 1000 characters and keeps the review link', () => {
    const many = Array.from({ length: 80 }, () => findings[0]!);
    const text = buildFlagMessage({ findings: many, reviewUrl: 'https://lw.test/r/1' });
    expect(text.length).toBeLessThanOrEqual(1000);
    expect(text.endsWith('Review: https://lw.test/r/1')).toBe(true);
  });
});

describe('buildRejectParams', () => {
  it('buildRejectParams lists the masked findings in the reason and returns the redacted text as feedback', () => {
    const params = buildRejectParams({
      findings,
      redactedText: redacted,
      privacyUrl: 'https://forum.test/privacy',
    });
    expect(params.revise_reason).toBe('Contains personal data');
    expect(params.revise_custom_reason).toContain('m•••@gmail.com');
    expect(params.revise_custom_reason).toContain('•••• •••• •••• 6467');
    expect(params.revise_feedback).toContain(redacted);
    expect(params.revise_feedback).toContain('https://forum.test/privacy');
  });
});

describe('buildEditReason', () => {
  it('buildEditReason counts what was masked', () => {
    expect(buildEditReason({ findings })).toBe(
      'leakwatch: masked personal data (1 email address, 1 payment card number)',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { maskCard, maskEmail, maskPhone } from '../../../src/scanner/index.js';

describe('masks', () => {
  it.each([
    ['jane.doe@gmail.com', 'j•••@gmail.com'],
    ['x@mail.co.uk', 'x•••@mail.co.uk'],
  ])('maskEmail(%j) is %j', (value, masked) => {
    expect(maskEmail(value)).toBe(masked);
  });

  it.each([
    ['4111111111111111', '4111111111111111', '•••• •••• •••• 1111'],
    ['4111111111111111', '4111-1111-1111-1111', '••••-••••-••••-1111'],
    ['378282246310005', '378282246310005', '•••• •••••• •0005'],
    ['378282246310005', '3782 822463 10005', '•••• •••••• •0005'],
    ['30569309025904', '30569309025904', '•••• •••••• 5904'],
    ['6212345678901234569', '6212345678901234569', '•••• •••• •••• •••4 569'],
  ])('maskCard(%j, %j) is %j', (value, shape, masked) => {
    expect(maskCard(value, shape)).toBe(masked);
  });

  it.each([
    ['+442079460958', '+44 20 7946 0958', '+44 •• •••• •958'],
    ['+447911123958', '+44 7911 123 958', '+44 •••• ••• 958'],
    ['+12025550143', '(202) 555-0143', '(•••) •••-•143'],
    ['+12025550143', '+1 (202) 555-0143', '+1 (•••) •••-•143'],
    ['+4930123456', '0049 30 123456', '0049 •• •••456'],
    ['+919845012345', 'nine eight four five zero one two three four five', '+91 ••••••• 345'],
  ])('maskPhone(%j, %j) is %j', (value, shape, masked) => {
    expect(maskPhone(value, shape)).toBe(masked);
  });
});

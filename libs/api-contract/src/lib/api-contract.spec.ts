import { apiContract } from './api-contract';

describe('apiContract', () => {
  it('should work', () => {
    expect(apiContract()).toEqual('api-contract');
  });
});

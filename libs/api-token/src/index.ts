export { API_TOKEN_KEY_DERIVATION, deriveApiTokenKey } from './api-token-key';
export { mintApiToken, signApiToken, type MintApiTokenOptions } from './api-token-signer';

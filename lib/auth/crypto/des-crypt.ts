import unixCryptTD from 'unix-crypt-td-js';

/**
 * Traditional DES crypt(3): 2 salt characters + 11 hash characters, only the
 * first 8 password bytes count. extman writes it for SYS_CRYPT_TYPE = crypt;
 * we only ever verify it. The password goes in as UTF-8 bytes, as glibc sees it.
 */
export const DES_CRYPT_PATTERN = /^[./0-9A-Za-z]{13}$/;

export function desCrypt(password: string, saltOrHash: string): string {
  const salt = saltOrHash.slice(0, 2);
  if (!/^[./0-9A-Za-z]{2}$/.test(salt)) throw new Error('des-crypt: invalid salt');
  // glibc stops at the first NUL; the library stops there too when given bytes.
  return unixCryptTD(Array.from(Buffer.from(password, 'utf8')), salt);
}

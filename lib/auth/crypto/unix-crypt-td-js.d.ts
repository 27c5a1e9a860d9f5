// The package ships no types. Byte arrays in, a 13-character crypt string out.
declare module 'unix-crypt-td-js' {
  function unixCryptTD(password: string | number[], salt: string | number[]): string;
  export default unixCryptTD;
}

/**
 * The passwords SMTP AUTH brute-forcers try first: the top of public leak
 * rankings, keyboard walks, Chinese-web favourites (5201314, woaini…) and the
 * mailbox-name patterns seen in incidents like the seed's (info123,
 * admin@123). Stored lowercase; the checker lowercases and un-leets input.
 */
const LIST = `
123456 123456789 12345678 12345 1234567 1234567890 123123 111111 000000 123321
654321 666666 888888 112233 121212 123654 147258 159753 159357 987654321
1111111 11111111 00000000 88888888 66666666 12341234 11223344 147258369 123456a
a123456 a12345678 123456aa aa123456 qq123456 123qwe qwe123 1q2w3e 1q2w3e4r 1q2w3e4r5t
1qaz2wsx 1qazxsw2 qazwsx qazwsxedc zaq12wsx zxcvbn zxcvbnm asdfgh asdfghjkl qwerty
qwerty123 qwertyuiop qwer1234 asdf1234 abc123 abcd1234 abc12345 abcdef abcdefg 123abc
password password1 password12 password123 passw0rd p@ssw0rd p@ssword pass123 pass1234 passwd
admin admin123 admin1234 admin888 admin@123 administrator root root123 toor superuser
test test123 test1234 testtest guest guest123 user user123 demo demo123
info info123 info1234 info@123 mail mail123 mail1234 mail@123 email email123
webmail webmail123 postmaster postmaster123 extmail extman support support123 service sales
sales123 office office123 manager hr123456 server server123 system changeme welcome
welcome1 welcome123 letmein login login123 secret secret123 default 5201314 1314520
woaini woaini1314 wo123456 iloveyou iloveyou1 ilovechina china123 beijing shanghai
monkey dragon master shadow sunshine princess football baseball superman batman
trustno1 michael jennifer hunter killer whatever freedom starwars pokemon computer
internet hello hello123 hello1234 love love123 lovely flower summer winter spring
autumn 7758521 5211314 520520 a1b2c3 aaaaaa aaaaaaaa abcabc qwe123456 1234qwer
123456789a 0123456789 9876543210 987654 147852 258369 qweasd qweasdzxc asd123 zxc123
abc123456 asdasd q1w2e3r4 q1w2e3r4t5 1234abcd test@123 root@123 admin2024 huawei123 abcd@1234
qwerty1 zxcvbnm123
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));

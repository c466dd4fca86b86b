using IdentityHub.Core.Accounts.LegacyPasswords;

namespace IdentityHub.Core.Tests.Accounts;

/// <summary>
/// Legacy hashes an import carries over (A10). The bcrypt vectors are jBCrypt's published ones (checked
/// against the system's libxcrypt); the others were computed independently with Python's hashlib
/// (pbkdf2_hmac, sha256) for the password below.
/// </summary>
public sealed class LegacyPasswordHashTests
{
    private const string Password = "Tr0ub4dor&3 ümlaut";

    public static TheoryData<string, string> Vectors() => new()
    {
        { "$2b$10$abcdefghijklmnopqrstuuhmidNBWPoErIf8op6N9Tcqwka6rPWKC", "bcrypt $2b$" },
        { "pbkdf2_sha256$1000$seasalt42$bNjyF1xpFNQtxv6mmWIzg+py0FQ6J1qVYQDqKgtH3jU=", "pbkdf2-sha256 (Django)" },
        { "pbkdf2_sha1$1200$pepper$qMNBf/RVlDTDbbUxYaF1yb4q6qQ=", "pbkdf2-sha1 (Django)" },
        { "$pbkdf2-sha256$1500$AQIDBAUGBwgJCgsMDQ4PEA$.HtS9afofdZvf4rbbPo7ch2venXzYS5G8rsNuiWRLbg", "pbkdf2-sha256 (passlib)" },
        { "$pbkdf2$1500$AQIDBAUGBwgJCgsMDQ4PEA$1MIxv57tmszO1Vp.GF1REwbUbU4", "pbkdf2-sha1 (passlib)" },
        { "$pbkdf2-sha512$1500$AQIDBAUGBwgJCgsMDQ4PEA$QaoZlexhdF0JZGsW1I8ICyVbJ1IY6EKvtQ41Ou.CL0uUHyLrxeH2CqXrhF4BfXvVfSZNclfznpDPFOc0x.N.AQ", "pbkdf2-sha512 (passlib)" },
        { "pbkdf2:sha256:2000$Zq3kW9$5a218b27ed6cc6aa53545fa40caf3489c7a113ad8d9fd6f95d23575102853433", "pbkdf2-sha256 (Werkzeug)" },
        { "pbkdf2:sha512:2000$Zq3kW9$c9887cb120ed4e9bcd3b6f82785593f562bcf326ef6a67aa93c6f91325a57b9db636ac7443f95fafc2a0e32dc2a36d62537f6c4a8ea59cad2d89ccb1fd97399b", "pbkdf2-sha512 (Werkzeug)" },
        { "{SSHA256}VEVLlaDmCgK50Bt/MTkG0W35kIlWPX59vYxfNNpq4yOaAf5CEHczCA==", "ssha256 (LDAP)" },
        { "{SSHA512}wbfERo8LhtkUF2leqOLZzN9BIw1qJSGHGYkzCvmHRrGTN3JILKh7IHQw459S3u5h6ONiQS3m323TuUJ/yWnwYZoB/kIQdzMI", "ssha512 (LDAP)" },
        { "{ssha}ujD9d0v4WxmwIfLEIANn39alaNCaAf5CEHczCA==", "ssha (LDAP)" },
        { "sha256$NaCl$96ec9de6de51282d91bda8dc53a48af2906da99ec6dafe41516f836d7341d011", "sha256 (salt first)" },
        { "AGRlZmdoaWprbG1ub3BxcnN86ERkgKdoXhoVRLjRxq027ZtUZqVxFr6MF+mvZ/DFPw==", "aspnet-identity-v2" },
        { "AQAAAAEAACcQAAAAEMjJysvMzc7P0NHS09TV1tc4lnRfyb9SeBl5q5gVhDtNX2/U44yf8K0pDdJva2FmfA==", "aspnet-identity-v3" },
        { "AQAAAAIAAAfQAAAAEMjJysvMzc7P0NHS09TV1tdsr8n8ESn/EA8su18U4oSNX0mJ2Zgq0of+WP9qcYNwmg==", "aspnet-identity-v3" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Each_accepted_encoding_verifies_the_right_password_and_refuses_others(string encoded, string scheme)
    {
        Assert.True(LegacyPasswordHash.TryParse(encoded, out var hash, out var problem), problem);

        Assert.Equal(scheme, hash.Scheme);
        Assert.True(hash.Verify(Password));
        Assert.False(hash.Verify(Password + " "));
        Assert.False(hash.Verify("tr0ub4dor&3 ümlaut"));
        Assert.False(hash.Verify(""));
    }

    [Theory]
    [InlineData("", "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.")]
    [InlineData("abc", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", "$2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC")]
    [InlineData("~!@#$%^&*()      ~!@#$%^&*()PNBFRD", "$2a$06$fPIsBO8qRqkjj273rfaOI.HtSV9jLDpTbZn782DC6/t7qT67P6FfO")]
    [InlineData("abc", "$2b$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i")]
    [InlineData("abc", "$2y$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i")]
    public void Published_bcrypt_vectors_verify_in_every_accepted_variant(string password, string encoded)
    {
        Assert.True(LegacyPasswordHash.TryParse(encoded, out var hash, out var problem), problem);

        Assert.True(hash.Verify(password));
        Assert.False(hash.Verify(password + "x"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("hunter2", "Unknown password hash format")]
    [InlineData("$2x$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i", "$2x$ is not supported")]
    [InlineData("$2b$31$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i", "cost 31 is outside 4 to 15")]
    [InlineData("$2b$10$tooshort", "A bcrypt hash looks like")]
    [InlineData("pbkdf2_sha256$99999999$salt$bNjyF1xpFNQtxv6mmWIzg+py0FQ6J1qVYQDqKgtH3jU=", "above the 3000000 accepted")]
    [InlineData("pbkdf2_sha256$0$salt$bNjyF1xpFNQtxv6mmWIzg+py0FQ6J1qVYQDqKgtH3jU=", "not a positive whole number")]
    [InlineData("pbkdf2_sha256$-5$salt$bNjyF1xpFNQtxv6mmWIzg+py0FQ6J1qVYQDqKgtH3jU=", "not a positive whole number")]
    [InlineData("pbkdf2_md5$1000$salt$bNjyF1xpFNQtxv6mmWIzg+py0FQ6J1qVYQDqKgtH3jU=", "Unknown Django hasher")]
    [InlineData("pbkdf2_sha256$1000$$bNjyF1xpFNQtxv6mmWIzg+py0FQ6J1qVYQDqKgtH3jU=", "salt is empty")]
    [InlineData("pbkdf2_sha256$1000$salt$not*base64", "hash part is not encoded")]
    [InlineData("pbkdf2_sha256$1000$salt", "looks like pbkdf2_sha256$")]
    [InlineData("$pbkdf2-md5$1500$AQIDBAUGBwgJCgsMDQ4PEA$1MIxv57tmszO1Vp.GF1REwbUbU4", "Unknown passlib scheme")]
    [InlineData("pbkdf2:sha256$Zq3kW9$5a218b27ed6cc6aa53545fa40caf3489c7a113ad8d9fd6f95d23575102853433", "does not say its iteration count")]
    [InlineData("pbkdf2:sha256:2000$Zq3kW9$zz", "hash part is not encoded")]
    [InlineData("{SSHA256}dG9vIHNob3J0", "followed by a salt")]
    [InlineData("{SSHA384}dG9vIHNob3J0", "Unknown LDAP scheme")]
    [InlineData("sha256$NaCl$96ec9de6", "64 hexadecimal digits")]
    [InlineData("sha256$$96ec9de6de51282d91bda8dc53a48af2906da99ec6dafe41516f836d7341d011", "64 hexadecimal digits")]
    [InlineData("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA", "Argon2")]
    [InlineData("$6$salt$hash", "SHA-crypt")]
    [InlineData("$1$salt$hash", "MD5")]
    [InlineData("{SHA256}lqbJ1ZzqRlsJk6rK8Q6bmw==", "Unsalted")]
    [InlineData("5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8", "unsalted hex digest")]
    [InlineData("AQAAAAH//wAAAAAAEMjJysvMzc7P0NHS09TV1tc4lnRfyb9SeBl5q5gVhDtNX2/U44yf8K0pDdJva2FmfA==", "iteration count")]
    public void Unknown_malformed_and_absurd_hashes_are_refused_with_a_reason(string encoded, string reason)
    {
        Assert.False(LegacyPasswordHash.TryParse(encoded, out var hash, out var problem));

        Assert.Null(hash);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hash_longer_than_the_limit_is_refused()
    {
        Assert.False(LegacyPasswordHash.TryParse("$pbkdf2$" + new string('a', 2000), out _, out var problem));

        Assert.Contains("longer than 1024", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Surrounding_spaces_are_ignored()
    {
        Assert.True(LegacyPasswordHash.TryParse("  sha256$NaCl$96ec9de6de51282d91bda8dc53a48af2906da99ec6dafe41516f836d7341d011\t", out var hash, out _));

        Assert.True(hash.Verify(Password));
    }
}

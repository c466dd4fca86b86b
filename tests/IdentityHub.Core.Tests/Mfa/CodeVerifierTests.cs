using IdentityHub.Core.Mfa;

namespace IdentityHub.Core.Tests.Mfa;

public sealed class CodeVerifierTests
{
    private const string Purpose = "sign-in";
    private const string Binding = "attempt-1";
    private const string Code = "042917";
    private static readonly DateTimeOffset IssuedAt = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly CodeSettings Settings = new();

    private static IssuedCode Issued(int failedAttempts = 0, DateTimeOffset? usedAt = null) =>
        IssuedCode.Issue(Code, Purpose, Binding, IssuedAt, Settings) with { FailedAttempts = failedAttempts, UsedAt = usedAt };

    private static CodeCheckResult Check(IssuedCode code, string entered, DateTimeOffset? now = null,
        string purpose = Purpose, string binding = Binding) =>
        CodeVerifier.Check(code, entered, purpose, binding, now ?? IssuedAt.AddMinutes(1), Settings);

    [Fact]
    public void Issuing_a_code_stores_its_hash_and_a_five_minute_expiry()
    {
        var code = Issued();

        Assert.Equal(IssuedAt + TimeSpan.FromMinutes(5), code.ExpiresAt);
        Assert.NotEqual(Code, code.Hash);
        Assert.Equal(0, code.FailedAttempts);
        Assert.Null(code.UsedAt);
    }

    [Fact]
    public void The_right_code_is_accepted()
    {
        var result = Check(Issued(), Code);

        Assert.Equal(new CodeCheckResult(CodeCheck.Accepted, 5), result);
        Assert.False(result.CountsAsFailure);
    }

    [Fact]
    public void The_right_code_typed_with_a_space_is_accepted()
    {
        Assert.Equal(CodeCheck.Accepted, Check(Issued(), "042 917").Outcome);
    }

    [Fact]
    public void A_wrong_code_counts_and_says_how_many_tries_are_left()
    {
        var result = Check(Issued(failedAttempts: 1), "042918");

        Assert.Equal(new CodeCheckResult(CodeCheck.Wrong, 3), result);
        Assert.True(result.CountsAsFailure);
    }

    [Fact]
    public void The_last_wrong_try_leaves_none()
    {
        Assert.Equal(new CodeCheckResult(CodeCheck.Wrong, 0), Check(Issued(failedAttempts: 4), "042918"));
    }

    [Theory]
    [InlineData("04291")]
    [InlineData("0429170")]
    [InlineData("04291a")]
    [InlineData("")]
    [InlineData("abcdef")]
    public void Malformed_input_does_not_count_as_a_try(string entered)
    {
        var result = Check(Issued(failedAttempts: 2), entered);

        Assert.Equal(new CodeCheckResult(CodeCheck.Malformed, 3), result);
        Assert.False(result.CountsAsFailure);
    }

    [Fact]
    public void A_used_code_cannot_be_used_again()
    {
        Assert.Equal(new CodeCheckResult(CodeCheck.AlreadyUsed, 0), Check(Issued(usedAt: IssuedAt.AddSeconds(30)), Code));
    }

    [Fact]
    public void Code_expires_after_five_minutes()
    {
        var code = Issued();

        Assert.Equal(CodeCheck.Accepted, Check(code, Code, IssuedAt + TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1)).Outcome);
        Assert.Equal(new CodeCheckResult(CodeCheck.Expired, 0), Check(code, Code, code.ExpiresAt));
        Assert.Equal(CodeCheck.Expired, Check(code, Code, code.ExpiresAt.AddHours(1)).Outcome);
    }

    [Fact]
    public void A_code_with_all_tries_used_is_refused_even_when_right()
    {
        Assert.Equal(new CodeCheckResult(CodeCheck.TooManyAttempts, 0), Check(Issued(failedAttempts: 5), Code));
    }

    [Fact]
    public void The_right_code_for_another_purpose_or_attempt_is_wrong_and_counts()
    {
        Assert.Equal(new CodeCheckResult(CodeCheck.Wrong, 4), Check(Issued(), Code, purpose: "enrollment"));
        Assert.Equal(new CodeCheckResult(CodeCheck.Wrong, 4), Check(Issued(), Code, binding: "attempt-2"));
    }

    [Fact]
    public void Rules_apply_in_order_malformed_used_expired_exhausted()
    {
        var everythingWrong = Issued(failedAttempts: 5, usedAt: IssuedAt);
        var late = IssuedAt.AddHours(1);

        Assert.Equal(CodeCheck.Malformed, Check(everythingWrong, "x", late).Outcome);
        Assert.Equal(CodeCheck.AlreadyUsed, Check(everythingWrong, Code, late).Outcome);
        Assert.Equal(CodeCheck.Expired, Check(everythingWrong with { UsedAt = null }, Code, late).Outcome);
        Assert.Equal(CodeCheck.TooManyAttempts, Check(everythingWrong with { UsedAt = null }, "000000").Outcome);
    }

    [Fact]
    public void The_code_length_comes_from_the_settings()
    {
        var eight = new CodeSettings { Length = 8 };
        var code = IssuedCode.Issue("01234567", Purpose, Binding, IssuedAt, eight);

        Assert.Equal(CodeCheck.Accepted, CodeVerifier.Check(code, "01234567", Purpose, Binding, IssuedAt, eight).Outcome);
        Assert.Equal(CodeCheck.Malformed, CodeVerifier.Check(code, "012345", Purpose, Binding, IssuedAt, eight).Outcome);
    }
}

using IdentityHub.Core.Accounts;

namespace IdentityHub.Core.Tests.Accounts;

public sealed class GeneratedPasswordsTests
{
    [Fact]
    public void Generated_passwords_pass_both_presets_and_differ()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => GeneratedPasswords.New()).ToList();

        Assert.Equal(passwords.Count, passwords.Distinct().Count());
        foreach (var preset in new[] { PasswordPreset.Nist, PasswordPreset.Legacy })
        {
            var policy = new PasswordPolicySettings { Preset = preset }.Resolve();
            Assert.All(passwords, password => Assert.Empty(PasswordRules.Check(password, policy, new PasswordContext("someone", "someone@example.org", []))));
        }

        Assert.All(passwords, password => Assert.Matches("^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$", password));
    }
}

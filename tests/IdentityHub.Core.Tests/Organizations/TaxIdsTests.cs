using IdentityHub.Core.Organizations;

namespace IdentityHub.Core.Tests.Organizations;

public sealed class TaxIdsTests
{
    [Theory]
    [InlineData("123456789", "123456789", "123456789")]
    [InlineData(" 123456789 ", "123456789", "123456789")]
    [InlineData("123456789", null, "123456789")]
    public void Nine_digits_typed_the_same_twice_are_kept(string entered, string? confirmation, string stored)
    {
        var check = TaxIds.Check(entered, confirmation);

        Assert.True(check.IsValid);
        Assert.Equal(stored, check.Value);
    }

    [Theory]
    [InlineData(null, null, "Enter the organization's Tax ID: 9 digits.")]
    [InlineData("", "", "Enter the organization's Tax ID: 9 digits.")]
    [InlineData("12-3456789", "12-3456789", "Enter the Tax ID as 9 digits only, without dashes or spaces.")]
    [InlineData("123 456 789", null, "Enter the Tax ID as 9 digits only, without dashes or spaces.")]
    [InlineData("12345678A", null, "A Tax ID has digits only.")]
    [InlineData("12345678", null, "A Tax ID has 9 digits; this one has 8.")]
    [InlineData("1234567890", null, "A Tax ID has 9 digits; this one has 10.")]
    [InlineData("123456789", "123456788", "The two Tax IDs do not match. Enter the same 9 digits in both boxes.")]
    [InlineData("١٢٣٤٥٦٧٨٩", null, "A Tax ID has digits only.")]
    public void Each_mistake_is_named(string? entered, string? confirmation, string problem)
    {
        var check = TaxIds.Check(entered, confirmation);

        Assert.False(check.IsValid);
        Assert.Null(check.Value);
        Assert.Equal(problem, check.Problem);
    }
}

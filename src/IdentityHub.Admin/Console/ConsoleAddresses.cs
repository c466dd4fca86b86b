using IdentityHub.Data.Organizations;

namespace IdentityHub.Admin.Console;

/// <summary>A US postal address on one line, as the post office writes it in either language ("1 Main Street, Suite 2, Albany, NY 12207").</summary>
public static class ConsoleAddresses
{
    public static string OneLine(PostalAddress address) =>
        $"{address.Line1}{(address.Line2 is null ? "" : ", " + address.Line2)}, {address.City}, {address.State} {address.PostalCode}";
}

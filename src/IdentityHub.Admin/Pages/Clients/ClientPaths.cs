namespace IdentityHub.Admin.Pages.Clients;

/// <summary>The console's addresses of one client (its id escaped: configured ids may hold any printable character).</summary>
public static class ClientPaths
{
    public static string Of(string clientId) => "/Clients/" + Uri.EscapeDataString(clientId);

    public static string Edit(string clientId) => Of(clientId) + "/Edit";

    public static string Secret(string clientId) => Of(clientId) + "/Secret";

    public static string Delete(string clientId) => Of(clientId) + "/Delete";
}

using IdentityHub.Administration.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Audit;

/// <summary>
/// The audit trail's filters as the console's pages read them from the query string (the same names as the
/// API's: from, to, userId, actorId, organizationId, event, outcome, reference), and written back into links.
/// </summary>
public abstract class AuditFilterFields : Console.ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ActorId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? OrganizationId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Event { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Reference { get; set; }

    protected AuditFilterInput Input => new(From, To, UserId, ActorId, OrganizationId, Event, Outcome, Reference);

    /// <summary>The filters given, as a query string (with <paramref name="extra"/> pairs such as the page or the format).</summary>
    public QueryString FilterQuery(params (string Key, string Value)[] extra)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var (key, value) in new (string, string?)[]
        {
            ("from", From), ("to", To), ("userId", UserId), ("actorId", ActorId), ("organizationId", OrganizationId),
            ("event", Event), ("outcome", Outcome), ("reference", Reference),
        })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                pairs.Add(new(key, value));
            }
        }

        pairs.AddRange(extra.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)));
        return QueryString.Create(pairs);
    }
}

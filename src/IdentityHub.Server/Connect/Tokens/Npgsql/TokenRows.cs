using Npgsql;
using NpgsqlTypes;
using OpenIddict.EntityFrameworkCore.Models;

namespace IdentityHub.Server.Connect.Tokens.Npgsql;

/// <summary>
/// The SQL of the hot token and authorization paths on OpenIddict's own tables (the EF Core model's names), and
/// the mapping of their columns. The statements are fixed strings with positional parameters, so Npgsql prepares
/// each once per physical connection (<c>Max Auto Prepare</c>).
/// </summary>
internal static class TokenRows
{
    private const string TokenColumns =
        """t."Id", t."ApplicationId", t."AuthorizationId", t."ConcurrencyToken", t."CreationDate", t."ExpirationDate", t."Payload", t."Properties", t."RedemptionDate", t."ReferenceId", t."Status", t."Subject", t."Type" """;

    private const string AuthorizationColumns =
        """a."Id", a."ApplicationId", a."ConcurrencyToken", a."CreationDate", a."Properties", a."Scopes", a."Status", a."Subject", a."Type" """;

    private const string TokenWithAuthorization =
        "SELECT " + TokenColumns + ", " + AuthorizationColumns +
        """FROM "OpenIddictTokens" AS t LEFT JOIN "OpenIddictAuthorizations" AS a ON a."Id" = t."AuthorizationId" """;

    /// <summary>A token and its authorization, in one query.</summary>
    public const string SelectTokenById = TokenWithAuthorization + """WHERE t."Id" = $1""";

    public const string SelectTokenByReferenceId = TokenWithAuthorization + """WHERE t."ReferenceId" = $1""";

    public const string InsertToken =
        """
        INSERT INTO "OpenIddictTokens" ("Id", "ApplicationId", "AuthorizationId", "ConcurrencyToken", "CreationDate", "ExpirationDate", "Payload", "Properties", "RedemptionDate", "ReferenceId", "Status", "Subject", "Type")
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
        """;

    /// <summary>Every column, as EF Core's update did, but only if nobody changed the row since it was read.</summary>
    public const string UpdateToken =
        """
        UPDATE "OpenIddictTokens" SET "ApplicationId" = $2, "AuthorizationId" = $3, "ConcurrencyToken" = $4, "CreationDate" = $5, "ExpirationDate" = $6,
            "Payload" = $7, "Properties" = $8, "RedemptionDate" = $9, "ReferenceId" = $10, "Status" = $11, "Subject" = $12, "Type" = $13
        WHERE "Id" = $1 AND "ConcurrencyToken" IS NOT DISTINCT FROM $14
        """;

    public const string DeleteToken = """DELETE FROM "OpenIddictTokens" WHERE "Id" = $1 AND "ConcurrencyToken" IS NOT DISTINCT FROM $2""";

    public const string SelectAuthorizationById = "SELECT " + AuthorizationColumns + """FROM "OpenIddictAuthorizations" AS a WHERE a."Id" = $1""";

    public const string InsertAuthorization =
        """
        INSERT INTO "OpenIddictAuthorizations" ("Id", "ApplicationId", "ConcurrencyToken", "CreationDate", "Properties", "Scopes", "Status", "Subject", "Type")
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        """;

    public const string UpdateAuthorization =
        """
        UPDATE "OpenIddictAuthorizations" SET "ApplicationId" = $2, "ConcurrencyToken" = $3, "CreationDate" = $4, "Properties" = $5, "Scopes" = $6,
            "Status" = $7, "Subject" = $8, "Type" = $9
        WHERE "Id" = $1 AND "ConcurrencyToken" IS NOT DISTINCT FROM $10
        """;

    private const int AuthorizationOffset = 13;

    public static OpenIddictEntityFrameworkCoreToken ReadToken(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Application = Application(Text(reader, 1)),
        ConcurrencyToken = Text(reader, 3),
        CreationDate = Date(reader, 4),
        ExpirationDate = Date(reader, 5),
        Payload = Text(reader, 6),
        Properties = Text(reader, 7),
        RedemptionDate = Date(reader, 8),
        ReferenceId = Text(reader, 9),
        Status = Text(reader, 10),
        Subject = Text(reader, 11),
        Type = Text(reader, 12),
    };

    /// <summary>The token's authorization from the joined columns; null when the token has none.</summary>
    public static OpenIddictEntityFrameworkCoreAuthorization? ReadJoinedAuthorization(NpgsqlDataReader reader) =>
        reader.IsDBNull(AuthorizationOffset) ? null : ReadAuthorization(reader, AuthorizationOffset);

    public static OpenIddictEntityFrameworkCoreAuthorization ReadAuthorization(NpgsqlDataReader reader, int offset = 0) => new()
    {
        Id = reader.GetString(offset),
        Application = Application(Text(reader, offset + 1)),
        ConcurrencyToken = Text(reader, offset + 2),
        CreationDate = Date(reader, offset + 3),
        Properties = Text(reader, offset + 4),
        Scopes = Text(reader, offset + 5),
        Status = Text(reader, offset + 6),
        Subject = Text(reader, offset + 7),
        Type = Text(reader, offset + 8),
    };

    /// <summary>$1–$13 of <see cref="InsertToken"/> and <see cref="UpdateToken"/>.</summary>
    public static void BindToken(NpgsqlCommand command, OpenIddictEntityFrameworkCoreToken token)
    {
        Add(command, token.Id);
        Add(command, token.Application?.Id);
        Add(command, token.Authorization?.Id);
        Add(command, token.ConcurrencyToken);
        Add(command, token.CreationDate);
        Add(command, token.ExpirationDate);
        Add(command, token.Payload);
        Add(command, token.Properties);
        Add(command, token.RedemptionDate);
        Add(command, token.ReferenceId);
        Add(command, token.Status);
        Add(command, token.Subject);
        Add(command, token.Type);
    }

    /// <summary>$1–$9 of <see cref="InsertAuthorization"/> and <see cref="UpdateAuthorization"/>.</summary>
    public static void BindAuthorization(NpgsqlCommand command, OpenIddictEntityFrameworkCoreAuthorization authorization)
    {
        Add(command, authorization.Id);
        Add(command, authorization.Application?.Id);
        Add(command, authorization.ConcurrencyToken);
        Add(command, authorization.CreationDate);
        Add(command, authorization.Properties);
        Add(command, authorization.Scopes);
        Add(command, authorization.Status);
        Add(command, authorization.Subject);
        Add(command, authorization.Type);
    }

    public static void Add(NpgsqlCommand command, string? value) =>
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value });

    private static void Add(NpgsqlCommand command, DateTime? value) =>
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } date ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : DBNull.Value });

    /// <summary>
    /// The client a row points at, by id only: OpenIddict asks a token or authorization for its client's id, and
    /// reads the client itself from the application store (this node's memory).
    /// </summary>
    private static OpenIddictEntityFrameworkCoreApplication? Application(string? id) => id is null ? null : new() { Id = id };

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTime? Date(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTime>(ordinal);
}

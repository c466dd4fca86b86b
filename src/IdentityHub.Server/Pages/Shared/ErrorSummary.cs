using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IdentityHub.Server.Pages.Shared;

/// <summary>One problem in a form's error summary: the id of the field it links to (none for the form as a whole) and the words.</summary>
public sealed record FieldError(string? FieldId, string Message);

/// <summary>
/// The problems of a posted form in the order its fields appear, each linking to its field, for the error
/// summary at the top of long forms (<c>_ErrorSummary</c>): a person who cannot see the whole page still
/// hears every mistake and can jump to each one.
/// </summary>
public static class ErrorSummary
{
    public static IReadOnlyList<FieldError> From(ModelStateDictionary state, IReadOnlyList<string> fieldOrder)
    {
        var errors = new List<FieldError>();
        foreach (var key in fieldOrder.Concat(state.Keys.Where(key => !fieldOrder.Contains(key)).Order(StringComparer.Ordinal)))
        {
            if (state.TryGetValue(key, out var entry))
            {
                errors.AddRange(entry.Errors.Select(error => new FieldError(key.Length == 0 ? null : TagBuilder.CreateSanitizedId(key, "_"), error.ErrorMessage)));
            }
        }

        return errors;
    }
}

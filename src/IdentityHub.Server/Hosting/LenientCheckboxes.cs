using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IdentityHub.Server.Hosting;

/// <summary>
/// A boolean form field is a checkbox: <c>true</c> (or <c>on</c>) ticks it, anything else leaves it
/// unticked. The default binder records a value such as <c>x</c> as an error and keeps it, and the
/// checkbox tag helper then throws a FormatException while the page is shown again; here the page
/// simply shows the box unticked.
/// </summary>
internal sealed class LenientCheckboxes : IModelBinderProvider, IModelBinder
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(bool) ? this : null;

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var values = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (values == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        // A checkbox posts "true" followed by its hidden "false"; the first value decides.
        var first = values.FirstValue;
        var ticked = (bool.TryParse(first, out var parsed) && parsed) || string.Equals(first, "on", StringComparison.OrdinalIgnoreCase);
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, ticked, ticked ? "true" : "false");
        bindingContext.Result = ModelBindingResult.Success(ticked);
        return Task.CompletedTask;
    }
}

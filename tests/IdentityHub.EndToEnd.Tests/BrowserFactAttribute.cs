using Xunit.Abstractions;
using Xunit.Sdk;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>
/// A browser test: when it fails, its pages (a screenshot and the HTML of each), what each page did,
/// and the logs of the landscape's processes are saved in a folder of its own under
/// <see cref="BrowserResults.Folder"/>, and the failure message names that folder.
/// </summary>
[XunitTestCaseDiscoverer("IdentityHub.EndToEnd.Tests.BrowserFactDiscoverer", "IdentityHub.EndToEnd.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute;

public sealed class BrowserFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        [new BrowserTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}

public sealed class BrowserTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes", error: true)]
    public BrowserTestCase()
    {
    }

    public BrowserTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, options, testMethod)
    {
    }

    public override async Task<RunSummary> RunAsync(
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        object[] constructorArguments,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource)
    {
        var browser = constructorArguments.OfType<BrowserSession>().FirstOrDefault();
        var logs = constructorArguments.OfType<ILandscapeLogs>().FirstOrDefault();
        if (browser is not null)
        {
            await browser.BeginTestAsync();
        }

        var held = new FailureHoldingBus(messageBus);
        var summary = await base.RunAsync(diagnosticMessageSink, held, constructorArguments, aggregator, cancellationTokenSource);
        string? saved = null;
        if (held.Failure is { } failure)
        {
            try
            {
                saved = await BrowserResults.SaveAsync(
                    $"{TestMethod.TestClass.Class.Name}.{TestMethod.Method.Name}", failure, browser, logs);
            }
            catch (Exception exception)
            {
                // The test's own failure is what matters; it is reported with or without its results.
                diagnosticMessageSink.OnMessage(new DiagnosticMessage($"Could not save the results of {DisplayName}: {exception}"));
            }
        }

        held.Release(saved);
        if (browser is not null)
        {
            await browser.EndTestAsync();
        }

        return summary;
    }

    /// <summary>Passes messages on until a test fails; holds that one and the rest until the results are saved.</summary>
    private sealed class FailureHoldingBus(IMessageBus inner) : IMessageBus
    {
        private readonly List<IMessageSinkMessage> _held = [];

        public ITestFailed? Failure { get; private set; }

        public bool QueueMessage(IMessageSinkMessage message)
        {
            lock (_held)
            {
                if (Failure is null && message is ITestFailed failed)
                {
                    Failure = failed;
                }

                if (Failure is null)
                {
                    return inner.QueueMessage(message);
                }

                _held.Add(message);
                return true;
            }
        }

        public void Release(string? savedTo)
        {
            lock (_held)
            {
                foreach (var message in _held)
                {
                    inner.QueueMessage(message is ITestFailed failed && savedTo is not null ? WithFolder(failed, savedTo) : message);
                }

                _held.Clear();
                Failure = null;
            }
        }

        private static TestFailed WithFolder(ITestFailed failed, string folder)
        {
            var messages = failed.Messages.ToArray();
            if (messages.Length > 0)
            {
                messages[0] = $"{messages[0]}\nPages, screenshots and process logs: {folder}";
            }

            return new TestFailed(failed.Test, failed.ExecutionTime, failed.Output, failed.ExceptionTypes, messages, failed.StackTraces, failed.ExceptionParentIndices);
        }

        public void Dispose()
        {
        }
    }
}

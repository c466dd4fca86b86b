using Xunit.Abstractions;
using Xunit.Sdk;

namespace IdentityHub.EndToEnd.Tests.Cluster;

/// <summary>The place of a cluster test in the run: the cluster is started once and each step leaves it changed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ClusterStepAttribute(int order) : Attribute
{
    public int Order { get; } = order;
}

/// <summary>Runs the cluster tests by their <see cref="ClusterStepAttribute"/>, lowest first.</summary>
public sealed class ClusterStepOrderer : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(testCase => testCase.TestMethod.Method
            .GetCustomAttributes(typeof(ClusterStepAttribute).AssemblyQualifiedName)
            .Select(step => step.GetConstructorArguments().OfType<int>().First())
            .DefaultIfEmpty(int.MaxValue)
            .First());
}

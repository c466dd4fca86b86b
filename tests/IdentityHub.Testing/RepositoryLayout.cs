namespace IdentityHub.Testing;

/// <summary>Where this repository and its build outputs are, found from the running test assembly.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The built assembly of a project, e.g. "src/IdentityHub.Server" → …/bin/Release/net10.0/IdentityHub.Server.dll.</summary>
    public static string BuildOutput(string project)
    {
        var name = Path.GetFileName(project);
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var assembly = Path.Combine(Root, project, "bin", Configuration, framework, name + ".dll");
        return File.Exists(assembly)
            ? assembly
            : throw new FileNotFoundException($"{assembly} is not built; the test project should reference {project}.", assembly);
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IdentityHub.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Could not find IdentityHub.sln above " + AppContext.BaseDirectory);
    }
}

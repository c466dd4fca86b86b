using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests.Interop;

/// <summary>
/// Single logout as a person sees it (P9): signed in to the provider and the member portal in one browser, they sign
/// out of the provider portal, and the member portal, told by back-channel logout, shows them signed out within seconds.
/// </summary>
[Collection(InteropLandscapeCollection.Name)]
public sealed class SingleLogoutInteropTests(InteropLandscape landscape, BrowserSession browser, ITestOutputHelper output)
{
    /// <summary>How soon the member portal must show the person signed out ("within seconds"), on a busy machine.</summary>
    private static readonly TimeSpan WithinSeconds = TimeSpan.FromSeconds(10);

    [BrowserFact]
    public async Task Signing_out_of_the_provider_portal_signs_the_member_portal_out_within_seconds()
    {
        await landscape.DemoUserEnrolledAsync(browser);
        var provider = await browser.NewPageAsync();
        await SignInAsync(provider, landscape, landscape.ProviderPortal);
        var member = await provider.Context.NewPageAsync();
        await member.GotoAsync(landscape.MemberPortal.ToString());
        await SignInLink(member).ClickAsync();
        await Expect(SignedInAs(member)).ToBeVisibleAsync();

        await SignOutAsync(provider);
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            await member.ReloadAsync();
            if (await SignInLink(member).IsVisibleAsync())
            {
                break;
            }

            Assert.True(elapsed.Elapsed < WithinSeconds, $"The member portal still showed the person signed in {WithinSeconds.TotalSeconds:0} s after they signed out of the provider portal.");
            await Expect(SignedInAs(member)).ToBeVisibleAsync();
            // Polled, not timed: the next look after a quarter second.
            await member.WaitForTimeoutAsync(250);
        }

        output.WriteLine($"The member portal showed the person signed out {elapsed.Elapsed.TotalSeconds:0.0} s after the provider portal's sign-out.");
        await Expect(Heading(member, "Member portal")).ToBeVisibleAsync();
        await Expect(SignedInAs(member)).Not.ToBeVisibleAsync();
    }
}

"""Structured data (schema.org) for campaign and ambassador pages."""

from core.translations import language_of

from .models import embed_url


def campaign_jsonld(campaign, request):
    """A CreativeWork, with its VideoObject when there is a film."""
    absolute = request.build_absolute_uri
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "inLanguage": language_of(campaign, "summary"),
        "name": campaign.title,
        "description": campaign.summary,
        "datePublished": campaign.launch_date.isoformat(),
        "url": absolute(campaign.get_absolute_url()),
        "isPartOf": {"@type": "CreativeWorkSeries", "name": campaign.series.name},
        "creator": [
            {"@type": "Person", "name": credit.name, "jobTitle": credit.role} for credit in campaign.credits.all()
        ],
        "actor": [{"@type": "Person", "name": person.name} for person in campaign.ambassadors.all()],
    }
    if campaign.hero_image:
        data["image"] = absolute(campaign.hero_image.url)
    video = absolute(campaign.video_file.url) if campaign.video_file else embed_url(campaign.video_url)
    if video or campaign.video_concept:
        data["video"] = {
            "@type": "VideoObject",
            "inLanguage": language_of(campaign, "video_concept"),
            "name": campaign.title,
            "description": campaign.video_concept or campaign.summary,
            "uploadDate": campaign.launch_date.isoformat(),
            **({"contentUrl": video} if campaign.video_file else {"embedUrl": video} if video else {}),
            **({"thumbnailUrl": absolute(campaign.video_poster.url)} if campaign.video_poster else {}),
        }
    return [data]


def ambassador_jsonld(ambassador, request):
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": ambassador.name,
        "description": ambassador.bio,
        "jobTitle": ambassador.role,
        "affiliation": {"@type": "Organization", "name": ambassador.brand.name},
        "url": request.build_absolute_uri(ambassador.get_absolute_url()),
    }
    if ambassador.portrait:
        data["image"] = request.build_absolute_uri(ambassador.portrait.url)
    return [data]

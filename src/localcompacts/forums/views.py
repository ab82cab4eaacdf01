from django.shortcuts import get_object_or_404, render

from localcompacts.pledges.selectors import pledge_list_public

from .models import ReviewForum


def forum_list(request):
    return render(
        request, "forums/list.html", {"forums": ReviewForum.objects.order_by("-start_date")}
    )


def forum_detail(request, slug: str):
    forum = get_object_or_404(ReviewForum, slug=slug)
    pledges = pledge_list_public().filter(announced_at=forum)[:50]
    return render(request, "forums/detail.html", {"forum": forum, "pledges": pledges})

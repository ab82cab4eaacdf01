from django.contrib import admin

from .models import ReviewForum


@admin.register(ReviewForum)
class ReviewForumAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "start_date", "end_date", "place")
    list_filter = ("kind",)
    prepopulated_fields = {"slug": ("name",)}

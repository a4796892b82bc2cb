"""The "Secretariat review" workflow: every page submitted for moderation waits
for the Secretariat group's approval. It is assigned to the root page, so it
covers the whole tree, and replaces Wagtail's default "Moderators approval"
there (deactivated, not deleted; reviews already under way under it can still
be finished).

Reversing puts "Moderators approval" back on the root and removes the
secretariat's workflow, or only deactivates it if pages have been through it,
so that their review history stays.
"""

from django.db import migrations

WORKFLOW = "Secretariat review"
TASK = "Secretariat approval"
GROUP = "Secretariat"
DEFAULT_WORKFLOW = "Moderators approval"


def root_page(apps):
    return apps.get_model("wagtailcore", "Page").objects.filter(depth=1).order_by("path").first()


def secretariat_task(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK).first() or GroupApprovalTask.objects.create(
        name=TASK, content_type=content_type, active=True
    )
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
    task.groups.add(group)
    return task


def create_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    apps.get_model("wagtailcore", "WorkflowTask").objects.get_or_create(
        workflow=workflow, task=secretariat_task(apps), defaults={"sort_order": 0}
    )
    # Deactivating a workflow unassigns it everywhere (as Workflow.deactivate does).
    for default in Workflow.objects.filter(name=DEFAULT_WORKFLOW, active=True):
        WorkflowPage.objects.filter(workflow=default).delete()
        default.active = False
        default.save(update_fields=["active"])
    root = root_page(apps)
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    default = Workflow.objects.filter(name=DEFAULT_WORKFLOW).order_by("pk").first()
    root = root_page(apps)
    if root is not None:
        WorkflowPage.objects.filter(page=root).delete()
        if default is not None:
            default.active = True
            default.save(update_fields=["active"])
            WorkflowPage.objects.create(page=root, workflow=default)
    if workflow is None:
        return
    WorkflowPage.objects.filter(workflow=workflow).delete()
    if apps.get_model("wagtailcore", "WorkflowState").objects.filter(workflow=workflow).exists():
        workflow.active = False
        workflow.save(update_fields=["active"])
    else:
        task_ids = list(workflow.workflow_tasks.values_list("task_id", flat=True))
        workflow.delete()
        apps.get_model("wagtailcore", "GroupApprovalTask").objects.filter(
            pk__in=task_ids, name=TASK, workflow_tasks__isnull=True
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_invited_expert_group"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_workflow, remove_workflow)]
